"""medrepro: a reproducible DVC research pipeline for medical image and clinical-note models."""

__version__ = "0.1.0"
