/* store/libs.c — libxml2, libzip and libxlsxwriter loaded on first use
 * (store/libs.h says why). */
#include <dlfcn.h>
#include <string.h>

#define STORE_LIBS_TABLES   /* the names stay the libraries' own here */
#include "libs.h"

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

struct store_xml store_xml;
struct store_zip store_zip;
struct store_xlsx store_xlsx;

int store_lib_load(const char *soname, const char *package, const char *what,
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
		int rc = store_lib_load(SONAME, PACKAGE, what, names, fns, N, err); \
		if (rc) \
			return rc; \
		FUNCS(LIB_COPY) \
		loaded = true; \
		return ANKER_OK; \
	}

LIB_LOADER(store_xml_load, store_xml, STORE_XML_FUNCS, XML_LIB, XML_PACKAGE)
LIB_LOADER(store_zip_load, store_zip, STORE_ZIP_FUNCS, ZIP_LIB, ZIP_PACKAGE)
LIB_LOADER(store_xlsx_load, store_xlsx, STORE_XLSX_FUNCS, XLSX_LIB, XLSX_PACKAGE)
