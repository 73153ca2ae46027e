"""lm_training"""
