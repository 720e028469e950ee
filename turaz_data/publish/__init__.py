"""Publishing: metadata, the datapackage descriptor, citations, codebook, exports and figures."""
