print("convscope")
