"""Vườn hoa's pages: `public` (no login), and the secretariat's `stories` and `tips`."""
