"""procspec: process specifications as code for Swedish municipalities."""

__version__ = "0.1.0"
