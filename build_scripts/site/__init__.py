"""The fourth stage: the generated docs tree with its downloads, vendored scripts, embeds, previews and
print page; MkDocs renders it into site/, which the finished site replaces only when all went well."""
