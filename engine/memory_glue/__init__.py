"""memory_glue"""
