//! Uploaded documents: type found from content, size and pixel limits, metadata stripped.
