"""The Qt-free core: library, documents, search, packs, sync, annotations."""
