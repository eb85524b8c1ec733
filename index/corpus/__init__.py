"""The corpus folder: its article files read into records, and whether it changed since a build.

``reader`` walks the folder and reports every file it cannot use by name; ``formats`` parses
Markdown with front matter, HTML and JSON records; ``drift`` compares the folder's snapshot with
the one recorded at the last build.
"""
