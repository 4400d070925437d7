"""Stories and threads as a reader sees them: assembled from the store."""

from .assemble import get_story, list_stories, list_threads, story_title

__all__ = ["get_story", "list_stories", "list_threads", "story_title"]
