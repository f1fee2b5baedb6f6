"""Who may see and run movements and pledges (filled in with the app)."""
