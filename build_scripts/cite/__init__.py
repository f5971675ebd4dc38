"""How the essay is cited and described, used by the pages: citation formats, the "Cite this page"
block, the references' labels and entries, and the metadata in each page's <head>."""
