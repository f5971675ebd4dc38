"""Build scripts: YAML datasets and Markdown chapters in, the generated docs tree and site out."""
