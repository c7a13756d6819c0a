/* cudacheck: proves the CUDA driver works inside a pod, with nothing but
 * glibc in the image. It dlopen()s libcuda.so.1 (which the CDI spec mounts
 * in) and calls the driver API directly: cuInit, cuDeviceGetCount,
 * cuDeviceGetName, cuCtxCreate, cuMemAlloc of 1 GiB, cuMemFree.
 * The same driver API a Python+ctypes program would call, in 20 KiB instead
 * of a Python runtime in the image. Exit 0 only if every call succeeded.
 *
 * Usage: cudacheck [LIBCUDA_PATH]  (default: libcuda.so.1, then common driver dirs)
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;
typedef void *CUcontext;
typedef unsigned long long CUdeviceptr;

#define ALLOC_BYTES (1ULL << 30)

static const char *const fallbacks[] = {
    "/usr/local/nvidia/lib64/libcuda.so.1", "/usr/local/nvidia/lib/libcuda.so.1",
    "/usr/lib/x86_64-linux-gnu/libcuda.so.1", "/usr/lib64/libcuda.so.1",
    "/lib/x86_64-linux-gnu/libcuda.so.1", NULL,
};

static void *open_libcuda(const char *given) {
    void *h = dlopen(given ? given : "libcuda.so.1", RTLD_NOW | RTLD_GLOBAL);
    if (h || given) {
        if (!h) fprintf(stderr, "dlopen %s: %s\n", given, dlerror());
        else printf("libcuda: %s\n", given);
        return h;
    }
    fprintf(stderr, "dlopen libcuda.so.1: %s\n", dlerror());
    for (int i = 0; fallbacks[i]; i++) {
        if ((h = dlopen(fallbacks[i], RTLD_NOW | RTLD_GLOBAL))) {
            printf("libcuda: %s (not on the loader's path)\n", fallbacks[i]);
            return h;
        }
    }
    return NULL;
}

static void *sym(void *h, const char *name) {
    void *p = dlsym(h, name);
    if (!p) fprintf(stderr, "dlsym %s: %s\n", name, dlerror());
    return p;
}

typedef CUresult (*errstr_fn)(CUresult, const char **);
static errstr_fn error_string;

static int check(CUresult rc, const char *what) {
    const char *text = NULL;
    if (rc == 0) {
        printf("%s: ok\n", what);
        return 0;
    }
    if (error_string) error_string(rc, &text);
    printf("%s: error %d (%s)\n", what, rc, text ? text : "?");
    return 1;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0); /* pod logs keep the order of stdout and stderr */
    void *h = open_libcuda(argc > 1 ? argv[1] : NULL);
    if (!h) {
        printf("CUDACHECK FAIL: no libcuda.so.1\n");
        return 2;
    }
    CUresult (*cuInit)(unsigned) = sym(h, "cuInit");
    CUresult (*cuDriverGetVersion)(int *) = sym(h, "cuDriverGetVersion");
    CUresult (*cuDeviceGetCount)(int *) = sym(h, "cuDeviceGetCount");
    CUresult (*cuDeviceGet)(CUdevice *, int) = sym(h, "cuDeviceGet");
    CUresult (*cuDeviceGetName)(char *, int, CUdevice) = sym(h, "cuDeviceGetName");
    CUresult (*cuCtxCreate)(CUcontext *, unsigned, CUdevice) = sym(h, "cuCtxCreate_v2");
    CUresult (*cuCtxDestroy)(CUcontext) = sym(h, "cuCtxDestroy_v2");
    CUresult (*cuMemAlloc)(CUdeviceptr *, size_t) = sym(h, "cuMemAlloc_v2");
    CUresult (*cuMemFree)(CUdeviceptr) = sym(h, "cuMemFree_v2");
    CUresult (*cuMemGetInfo)(size_t *, size_t *) = sym(h, "cuMemGetInfo_v2");
    error_string = (errstr_fn)dlsym(h, "cuGetErrorString");
    if (!cuInit || !cuDriverGetVersion || !cuDeviceGetCount || !cuDeviceGet || !cuDeviceGetName ||
        !cuCtxCreate || !cuCtxDestroy || !cuMemAlloc || !cuMemFree || !cuMemGetInfo) {
        printf("CUDACHECK FAIL: driver API symbols missing\n");
        return 2;
    }
    int failed = check(cuInit(0), "cuInit");
    int version = 0, count = 0;
    if (!failed && !(failed = check(cuDriverGetVersion(&version), "cuDriverGetVersion")))
        printf("driver API version: %d.%d\n", version / 1000, version % 1000 / 10);
    if (!failed && !(failed = check(cuDeviceGetCount(&count), "cuDeviceGetCount")))
        printf("devices: %d\n", count);
    if (!failed && count < 1) {
        printf("CUDACHECK FAIL: no CUDA device visible\n");
        return 1;
    }
    CUdevice dev = 0;
    char name[256] = "";
    CUcontext ctx = NULL;
    CUdeviceptr ptr = 0;
    size_t free_b = 0, total_b = 0;
    if (!failed) failed = check(cuDeviceGet(&dev, 0), "cuDeviceGet(0)");
    if (!failed && !(failed = check(cuDeviceGetName(name, sizeof name, dev), "cuDeviceGetName")))
        printf("device 0: %s\n", name);
    if (!failed) failed = check(cuCtxCreate(&ctx, 0, dev), "cuCtxCreate");
    if (!failed && !(failed = check(cuMemGetInfo(&free_b, &total_b), "cuMemGetInfo")))
        printf("memory: %zu MiB free of %zu MiB\n", free_b >> 20, total_b >> 20);
    if (!failed && !(failed = check(cuMemAlloc(&ptr, ALLOC_BYTES), "cuMemAlloc(1 GiB)")))
        printf("allocated %llu bytes at 0x%llx\n", ALLOC_BYTES, ptr);
    if (!failed) failed = check(cuMemFree(ptr), "cuMemFree");
    if (ctx) failed |= check(cuCtxDestroy(ctx), "cuCtxDestroy");
    if (failed) printf("CUDACHECK FAIL\n");
    else printf("CUDACHECK OK: %s, 1 GiB allocated and freed\n", name);
    return failed ? 1 : 0;
}
