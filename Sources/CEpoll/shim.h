#ifndef WSCONFORM_CEPOLL_SHIM_H
#define WSCONFORM_CEPOLL_SHIM_H
/* Linux's epoll, which the toolchain's Glibc module does not export. */
#include <sys/epoll.h>
#endif
