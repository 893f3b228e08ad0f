"""Flagship and pledge programmes (정책사업): tree, narratives, milestones, tracked items."""
