# Read the sqlite export with RSQLite and print, tab-separated, one line per table or view:
# name, rows, then column:R type pairs joined with '|'.
# Usage: Rscript read_sqlite.R FILE.sqlite
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(DBI))
con <- dbConnect(RSQLite::SQLite(), args[[1]])
names <- dbGetQuery(con, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")$name
for (n in names) {
  d <- dbGetQuery(con, sprintf('SELECT * FROM "%s"', n))
  types <- paste(paste0(names(d), ":", vapply(d, typeof, "")), collapse = "|")
  cat(n, nrow(d), types, sep = "\t")
  cat("\n")
}
dbDisconnect(con)
