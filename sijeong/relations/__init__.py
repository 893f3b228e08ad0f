"""Intergovernmental relations (대외협력): meetings with government and agreements."""
