from ligestat.indicators import reference_markdown

print(reference_markdown(), end="")
