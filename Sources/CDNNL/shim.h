#ifndef RESNET_LESSONS_CDNNL_SHIM_H
#define RESNET_LESSONS_CDNNL_SHIM_H
// oneDNN's C API from Debian's libdnnl-dev (2.6), which ships no pkg-config file: the module
// map links "dnnl" by name, and the headers are on the default include path.
//
// oneDNN passes dimensions as fixed C arrays (`dnnl_dims_t`, twelve int64s), which Swift sees
// as twelve-element tuples. The inline helpers below take plain pointers and square windows
// instead, so the Swift side never builds a tuple by hand.
#include <oneapi/dnnl/dnnl.h>
#include <stdint.h>
#include <string.h>

// libdnnl is built on the OpenMP runtime (libgomp). Declared weak so that linking never needs
// libgomp's development symlink; the symbol resolves at load time through libdnnl's own
// dependency on libgomp.so.1.
extern void omp_set_num_threads(int) __attribute__((weak));
extern int omp_get_max_threads(void) __attribute__((weak));

static inline int rnk_omp_set_threads(int count) {
    if (!omp_set_num_threads) return 0;
    omp_set_num_threads(count);
    return 1;
}

static inline int rnk_omp_max_threads(void) {
    return omp_get_max_threads ? omp_get_max_threads() : 1;
}

static inline void rnk_copy_dims(dnnl_dims_t out, const int64_t *dims, int count) {
    memset(out, 0, sizeof(dnnl_dims_t));
    for (int i = 0; i < count; i++) out[i] = dims[i];
}

/// An f32 memory descriptor of `ndims` dimensions in the layout `tag` (or `dnnl_format_tag_any`).
static inline dnnl_status_t rnk_memory_desc(
    dnnl_memory_desc_t *md, int ndims, const int64_t *dims, dnnl_format_tag_t tag) {
    dnnl_dims_t d;
    rnk_copy_dims(d, dims, ndims);
    return dnnl_memory_desc_init_by_tag(md, ndims, d, dnnl_f32, tag);
}

/// The number of dimensions of a descriptor.
static inline int rnk_memory_desc_ndims(const dnnl_memory_desc_t *md) { return md->ndims; }

/// Writes a descriptor's identity (dimensions, padding and blocking) into `out`, which must hold
/// at least 64 values, and returns how many it wrote. Two descriptors with equal signatures
/// describe the same bytes, so the signature can key caches.
static inline int rnk_memory_desc_signature(const dnnl_memory_desc_t *md, int64_t *out) {
    int n = 0;
    out[n++] = md->ndims;
    out[n++] = md->format_kind;
    out[n++] = md->offset0;
    for (int i = 0; i < md->ndims; i++) out[n++] = md->dims[i];
    for (int i = 0; i < md->ndims; i++) out[n++] = md->padded_dims[i];
    if (md->format_kind == dnnl_blocked) {
        const dnnl_blocking_desc_t *b = &md->format_desc.blocking;
        for (int i = 0; i < md->ndims; i++) out[n++] = b->strides[i];
        out[n++] = b->inner_nblks;
        for (int i = 0; i < b->inner_nblks; i++) {
            out[n++] = b->inner_blks[i];
            out[n++] = b->inner_idxs[i];
        }
    }
    out[n++] = md->data_type;
    return n;
}

static inline dnnl_status_t rnk_convolution_forward(
    dnnl_convolution_desc_t *desc, dnnl_prop_kind_t prop, const dnnl_memory_desc_t *src,
    const dnnl_memory_desc_t *weights, const dnnl_memory_desc_t *bias, const dnnl_memory_desc_t *dst,
    int64_t stride, int64_t padding) {
    dnnl_dims_t s = {stride, stride}, p = {padding, padding};
    return dnnl_convolution_forward_desc_init(
        desc, prop, dnnl_convolution_direct, src, weights, bias, dst, s, p, p);
}

static inline dnnl_status_t rnk_convolution_backward_data(
    dnnl_convolution_desc_t *desc, const dnnl_memory_desc_t *diff_src,
    const dnnl_memory_desc_t *weights, const dnnl_memory_desc_t *diff_dst, int64_t stride,
    int64_t padding) {
    dnnl_dims_t s = {stride, stride}, p = {padding, padding};
    return dnnl_convolution_backward_data_desc_init(
        desc, dnnl_convolution_direct, diff_src, weights, diff_dst, s, p, p);
}

static inline dnnl_status_t rnk_convolution_backward_weights(
    dnnl_convolution_desc_t *desc, const dnnl_memory_desc_t *src,
    const dnnl_memory_desc_t *diff_weights, const dnnl_memory_desc_t *diff_bias,
    const dnnl_memory_desc_t *diff_dst, int64_t stride, int64_t padding) {
    dnnl_dims_t s = {stride, stride}, p = {padding, padding};
    return dnnl_convolution_backward_weights_desc_init(
        desc, dnnl_convolution_direct, src, diff_weights, diff_bias, diff_dst, s, p, p);
}

static inline dnnl_status_t rnk_pooling_forward(
    dnnl_pooling_v2_desc_t *desc, dnnl_prop_kind_t prop, dnnl_alg_kind_t alg,
    const dnnl_memory_desc_t *src, const dnnl_memory_desc_t *dst, int64_t kernel_h,
    int64_t kernel_w, int64_t stride, int64_t padding_top, int64_t padding_left,
    int64_t padding_bottom, int64_t padding_right) {
    dnnl_dims_t s = {stride, stride}, k = {kernel_h, kernel_w}, d = {0, 0};
    dnnl_dims_t pl = {padding_top, padding_left}, pr = {padding_bottom, padding_right};
    return dnnl_pooling_v2_forward_desc_init(desc, prop, alg, src, dst, s, k, d, pl, pr);
}

static inline dnnl_status_t rnk_pooling_backward(
    dnnl_pooling_v2_desc_t *desc, dnnl_alg_kind_t alg, const dnnl_memory_desc_t *diff_src,
    const dnnl_memory_desc_t *diff_dst, int64_t kernel_h, int64_t kernel_w, int64_t stride,
    int64_t padding_top, int64_t padding_left, int64_t padding_bottom, int64_t padding_right) {
    dnnl_dims_t s = {stride, stride}, k = {kernel_h, kernel_w}, d = {0, 0};
    dnnl_dims_t pl = {padding_top, padding_left}, pr = {padding_bottom, padding_right};
    return dnnl_pooling_v2_backward_desc_init(desc, alg, diff_src, diff_dst, s, k, d, pl, pr);
}

#endif
