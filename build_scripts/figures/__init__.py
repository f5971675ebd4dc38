"""The second stage: figures. Each module in charts/ turns validated datasets into one chart (Altair)
and the exact rows it plots; render.py writes its files once and caches them by what they depend on."""
