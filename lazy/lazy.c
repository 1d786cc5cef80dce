/* lazy/lazy.c — libxml2, libzip and libxlsxwriter loaded on first use
 * (lazy/lazy.h says why). */
#include <dlfcn.h>
#include <string.h>

#define LAZY_LIBS_TABLES   /* the names stay the libraries' own here */
#include "lazy.h"

#ifndef XML_LIB
#define XML_LIB "libxml2.so.2"
#define XML_PACKAGE "libxml2"
#endif
#ifndef ZIP_LIB
#define ZIP_LIB "libzip.so.4"
#define ZIP_PACKAGE "libzip4"
#endif
#ifndef XLSX_LIB
#define XLSX_LIB "libxlsxwriter.so.4"
#define XLSX_PACKAGE "libxlsxwriter4"
#endif

struct lazy_xml lazy_xml;
struct lazy_zip lazy_zip;
struct lazy_xlsx lazy_xlsx;

int lazy_lib_load(const char *soname, const char *package, const char *what,
                   const char *const *names, void **fns, size_t n, struct anker_err *err)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return anker_err_set(err, ANKER_IO, "%s needs the library %s (Debian package %s): %s",
		                     what, soname, package, dlerror());
	for (size_t i = 0; i < n; i++)
		if (!(fns[i] = dlsym(lib, names[i]))) {
			int rc = anker_err_set(err, ANKER_IO, "%s: %s (Debian package %s) lacks a "
			                       "function: %s", what, soname, package, dlerror());
			dlclose(lib);
			return rc;
		}
	return ANKER_OK;
}

/* One loader per library: the names, a void * for each (dlsym's type),
 * then each copied into its typed member (POSIX lets a void * hold a
 * function's address; memcpy says so without a cast C forbids). */
#define LIB_NAME(name) #name,
#define LIB_COPY(name) memcpy(&tab->name, &fns[i++], sizeof fns[0]);
#define LIB_LOADER(fn, table, FUNCS, SONAME, PACKAGE) \
	int fn(const char *what, struct anker_err *err) \
	{ \
		static const char *const names[] = { FUNCS(LIB_NAME) }; \
		static bool loaded; \
		enum { N = sizeof names / sizeof names[0] }; \
		void *fns[N]; \
		size_t i = 0; \
		struct table *tab = &table; \
		if (loaded) \
			return ANKER_OK; \
		int rc = lazy_lib_load(SONAME, PACKAGE, what, names, fns, N, err); \
		if (rc) \
			return rc; \
		FUNCS(LIB_COPY) \
		loaded = true; \
		return ANKER_OK; \
	}

LIB_LOADER(lazy_xml_load, lazy_xml, LAZY_XML_FUNCS, XML_LIB, XML_PACKAGE)
LIB_LOADER(lazy_zip_load, lazy_zip, LAZY_ZIP_FUNCS, ZIP_LIB, ZIP_PACKAGE)
LIB_LOADER(lazy_xlsx_load, lazy_xlsx, LAZY_XLSX_FUNCS, XLSX_LIB, XLSX_PACKAGE)
