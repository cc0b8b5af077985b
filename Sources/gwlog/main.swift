print("gwlog")
