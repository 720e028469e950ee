# Read every .dta file of a folder with haven, as a Stata-minded R user would, and print
# one line per variable, tab-separated: file, variable, R class, rows, variable label,
# value labels as code=label joined with '|', and the first value as text.
# Usage: Rscript read_dta.R FOLDER
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(haven))
for (path in sort(list.files(args[[1]], pattern = "\\.dta$", full.names = TRUE))) {
  d <- read_dta(path)
  for (v in names(d)) {
    x <- d[[v]]
    labs <- attr(x, "labels")
    labs <- if (is.null(labs)) "" else paste(paste0(unname(labs), "=", names(labs)), collapse = "|")
    first <- if (nrow(d) > 0) as.character(x[[1]]) else ""
    cat(basename(path), v, class(x)[1], nrow(d), if (is.null(attr(x, "label"))) "" else attr(x, "label"), labs, first, sep = "\t")
    cat("\n")
  }
}
