"""The third stage: the chapters in content/, read and expanded (every construct replaced by what it
stands for: figures, values, citations, generated lists) into the Markdown of the generated docs tree."""
