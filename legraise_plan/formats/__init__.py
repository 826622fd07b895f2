"""Output formats, one module per format; imported only when a format is used."""
