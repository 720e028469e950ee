# Read every table of a data package with the frictionless R package, as an R user
# would, and print what came back: one line per column, tab-separated:
#   table, column, R class, rows, whether every value is a whole number, missing values,
#   the factor levels (joined with '|') for factors, and the first value that is not
#   missing, as text.
# Usage: Rscript read_package.R path/to/datapackage.json
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(frictionless))
p <- read_package(args[[1]])
for (name in resources(p)) {
  df <- read_resource(p, name)
  probs <- readr::problems(df)
  if (nrow(probs) > 0) {
    stop(sprintf("%s: readr reported %d problems, first: row %s col %s: %s",
                 name, nrow(probs), probs$row[1], probs$col[1], probs$expected[1]))
  }
  for (col in names(df)) {
    x <- df[[col]]
    whole <- if (is.numeric(x)) all(is.na(x) | x == round(x)) else NA
    levs <- if (is.factor(x)) paste(levels(x), collapse = "|") else ""
    present <- x[!is.na(x)]
    first <- if (length(present) > 0) as.character(present[[1]]) else ""
    cat(name, col, class(x)[1], nrow(df), whole, sum(is.na(x)), levs, first, sep = "\t")
    cat("\n")
  }
}
