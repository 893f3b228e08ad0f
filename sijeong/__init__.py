"""sijeong (시정): the operations system of a Korean metropolitan mayor's office."""
