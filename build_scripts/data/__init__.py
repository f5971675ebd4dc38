"""The first stage: the datasets in data/, read safely, validated against their models, and asked
questions (who belonged where, on which day). Everything after this reads validated records only."""
