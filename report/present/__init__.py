"""Presentation: Dutch formatting, Markdown tables and plotnine figures."""
