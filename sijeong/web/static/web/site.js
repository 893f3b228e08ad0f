// sijeong's one script of its own: small page behaviours that work without it too.
