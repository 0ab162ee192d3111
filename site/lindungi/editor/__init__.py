"""The communications staff's editor under /staf: news articles and long-form pages, with live
Markdown preview, cover uploads, scheduling, revisions and restore."""
