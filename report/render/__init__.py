"""Render stage: the chapter templates and figures into one Quarto-markdown document."""
