"""cellrules"""
