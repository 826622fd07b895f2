"""The package version, the single source for the build backend and ``__version__``."""

__version__ = "0.1.0"
