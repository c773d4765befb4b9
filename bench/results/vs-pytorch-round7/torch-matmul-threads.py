"""PyTorch's float matmul [1024x784]·[784x256] in GFLOP/s, with torch at 2 threads and OPENBLAS_NUM_THREADS as set
in the environment: the dense reference models' products run on OpenBLAS's threads, not torch's.
Run: for t in 1 2; do OPENBLAS_NUM_THREADS=$t /usr/bin/python3 torch-matmul-threads.py; done"""
import torch, time, os
torch.set_num_threads(2)
a=torch.randn(1024,784); b=torch.randn(784,256)
for _ in range(20): a@b
t=time.perf_counter(); n=300
for _ in range(n): a@b
dt=time.perf_counter()-t
print("OPENBLAS_NUM_THREADS", os.environ.get("OPENBLAS_NUM_THREADS"), "GFLOP/s %.1f" % (2 * 1024 * 784 * 256 * n / dt / 1e9))
