#ifndef WSCONFORM_COPENSSL_SHIM_H
#define WSCONFORM_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* Several OpenSSL entry points are macros; Swift cannot call macros, so wrap them. */
static inline long wsc_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}
static inline long wsc_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long wsc_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_max_proto_version(ctx, version);
}
static inline long wsc_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}
static inline int wsc_SSL_is_init_finished(const SSL *ssl) {
    return SSL_is_init_finished(ssl);
}
/* SSL_CTX_get_ex_new_index is a macro: an index for per-context Swift data (the key log). */
static inline int wsc_SSL_CTX_get_ex_new_index(void) {
    return SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}
#endif
