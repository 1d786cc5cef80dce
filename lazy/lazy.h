/* lazy/lazy.h — libxml2, libzip and libxlsxwriter, loaded on first use.
 *
 * Linked, the three and what they bring (ICU and its 31 MB of data,
 * libstdc++, libcrypto) cost every command 3 ms of relocations at start,
 * though only imports and exports of a few formats call them (anker
 * --version 4.4 -> 1.4 ms CPU).  So they are loaded by their SONAME, like
 * poppler-glib (corpus/format_pdf.c), by the functions that start such
 * work: lazy_xml_load, lazy_zip_load, lazy_xlsx_load.
 *
 * The code calls the libraries under their own names: this header,
 * included instead of the libraries' headers and after any other, turns
 * each name into a call through the table filled by the loader.  A name
 * used but missing here fails to link (the libraries are not linked); one
 * listed here but missing in the library fails the load, naming it.
 * Calling a function before its library's load is a crash: each module's
 * entry points load first (corpus: fmt_zip_open, fmt_zip_xml, the HTML
 * reader; refi: each import and export; report: report_xlsx_open).
 */
#ifndef ANKER_STORE_LIBS_H
#define ANKER_STORE_LIBS_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "../store/store.h"   /* struct anker_err */

#define LAZY_XML_FUNCS(X) \
	X(htmlReadMemory) X(xmlAddChild) X(xmlBufferContent) X(xmlBufferCreate) \
	X(xmlBufferFree) X(xmlBufferLength) X(xmlCtxtGetLastError) X(xmlCtxtReadMemory) \
	X(xmlDocCopyNode) X(xmlDocGetRootElement) X(xmlDocSetRootElement) X(xmlFree) \
	X(xmlFreeDoc) X(xmlFreeParserCtxt) X(xmlFreeTextReader) X(xmlFreeTextWriter) \
	X(xmlGetLineNo) X(xmlGetNsProp) X(xmlGetProp) X(xmlHasProp) X(xmlNewDoc) \
	X(xmlNewParserCtxt) X(xmlNewTextWriter) X(xmlNewTextWriterMemory) X(xmlNodeGetContent) \
	X(xmlOutputBufferClose) X(xmlOutputBufferCreateFile) X(xmlReaderForIO) \
	X(xmlTextReaderConstLocalName) X(xmlTextReaderCurrentNode) X(xmlTextReaderDepth) \
	X(xmlTextReaderExpand) X(xmlTextReaderIsEmptyElement) X(xmlTextReaderNext) \
	X(xmlTextReaderNodeType) X(xmlTextReaderRead) X(xmlTextReaderSetStructuredErrorHandler) \
	X(xmlTextWriterEndDocument) X(xmlTextWriterEndElement) X(xmlTextWriterFlush) \
	X(xmlTextWriterSetIndent) X(xmlTextWriterSetIndentString) X(xmlTextWriterStartDocument) \
	X(xmlTextWriterStartElement) X(xmlTextWriterStartElementNS) \
	X(xmlTextWriterWriteAttribute) X(xmlTextWriterWriteElement) X(xmlTextWriterWriteRawLen)

#define LAZY_ZIP_FUNCS(X) \
	X(zip_close) X(zip_dir_add) X(zip_discard) X(zip_error_fini) X(zip_error_init) \
	X(zip_error_init_with_code) X(zip_error_set) X(zip_error_strerror) X(zip_error_to_data) \
	X(zip_fclose) X(zip_file_add) X(zip_file_strerror) X(zip_fopen_index) X(zip_fread) \
	X(zip_get_name) X(zip_get_num_entries) X(zip_name_locate) X(zip_open) \
	X(zip_open_from_source) X(zip_register_cancel_callback_with_state) \
	X(zip_register_progress_callback_with_state) X(zip_set_file_compression) \
	X(zip_source_buffer_create) X(zip_source_filep) X(zip_source_free) X(zip_source_function) \
	X(zip_source_make_command_bitmap) X(zip_source_seek_compute_offset) X(zip_stat_index) \
	X(zip_stat_init) X(zip_strerror)

#define LAZY_XLSX_FUNCS(X) \
	X(format_set_bold) X(format_set_num_format) X(lxw_strerror) X(lxw_workbook_free) \
	X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) \
	X(workbook_get_worksheet_by_name) X(workbook_new) X(worksheet_autofilter) \
	X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_write_number) \
	X(worksheet_write_string)

/* The tables: each member's type is taken from the library's header
 * (xmlFree is a variable holding a function, the rest are functions). */
#define LAZY_LIB_MEMBER(name) __typeof__(name) *name;
struct lazy_xml { LAZY_XML_FUNCS(LAZY_LIB_MEMBER) };
struct lazy_zip { LAZY_ZIP_FUNCS(LAZY_LIB_MEMBER) };
struct lazy_xlsx { LAZY_XLSX_FUNCS(LAZY_LIB_MEMBER) };
extern struct lazy_xml lazy_xml;
extern struct lazy_zip lazy_zip;
extern struct lazy_xlsx lazy_xlsx;

/* Load the library once (a failure is told each time: it may have been
 * installed since); ANKER_IO naming WHAT needs it ("DOCX import"), the
 * library and its Debian package. */
int lazy_xml_load(const char *what, struct anker_err *err);
int lazy_zip_load(const char *what, struct anker_err *err);
int lazy_xlsx_load(const char *what, struct anker_err *err);

/* Open the library SONAME and look up each of NAMES into FNS (n of them);
 * WHAT and PACKAGE for the message (corpus/format_pdf.c uses it too). */
int lazy_lib_load(const char *soname, const char *package, const char *what,
                   const char *const *names, void **fns, size_t n, struct anker_err *err);

#ifndef LAZY_LIBS_TABLES
#define htmlReadMemory (*lazy_xml.htmlReadMemory)
#define xmlAddChild (*lazy_xml.xmlAddChild)
#define xmlBufferContent (*lazy_xml.xmlBufferContent)
#define xmlBufferCreate (*lazy_xml.xmlBufferCreate)
#define xmlBufferFree (*lazy_xml.xmlBufferFree)
#define xmlBufferLength (*lazy_xml.xmlBufferLength)
#define xmlCtxtGetLastError (*lazy_xml.xmlCtxtGetLastError)
#define xmlCtxtReadMemory (*lazy_xml.xmlCtxtReadMemory)
#define xmlDocCopyNode (*lazy_xml.xmlDocCopyNode)
#define xmlDocGetRootElement (*lazy_xml.xmlDocGetRootElement)
#define xmlDocSetRootElement (*lazy_xml.xmlDocSetRootElement)
#define xmlFree (*lazy_xml.xmlFree)
#define xmlFreeDoc (*lazy_xml.xmlFreeDoc)
#define xmlFreeParserCtxt (*lazy_xml.xmlFreeParserCtxt)
#define xmlFreeTextReader (*lazy_xml.xmlFreeTextReader)
#define xmlFreeTextWriter (*lazy_xml.xmlFreeTextWriter)
#define xmlGetLineNo (*lazy_xml.xmlGetLineNo)
#define xmlGetNsProp (*lazy_xml.xmlGetNsProp)
#define xmlGetProp (*lazy_xml.xmlGetProp)
#define xmlHasProp (*lazy_xml.xmlHasProp)
#define xmlNewDoc (*lazy_xml.xmlNewDoc)
#define xmlNewParserCtxt (*lazy_xml.xmlNewParserCtxt)
#define xmlNewTextWriter (*lazy_xml.xmlNewTextWriter)
#define xmlNewTextWriterMemory (*lazy_xml.xmlNewTextWriterMemory)
#define xmlNodeGetContent (*lazy_xml.xmlNodeGetContent)
#define xmlOutputBufferClose (*lazy_xml.xmlOutputBufferClose)
#define xmlOutputBufferCreateFile (*lazy_xml.xmlOutputBufferCreateFile)
#define xmlReaderForIO (*lazy_xml.xmlReaderForIO)
#define xmlTextReaderConstLocalName (*lazy_xml.xmlTextReaderConstLocalName)
#define xmlTextReaderCurrentNode (*lazy_xml.xmlTextReaderCurrentNode)
#define xmlTextReaderDepth (*lazy_xml.xmlTextReaderDepth)
#define xmlTextReaderExpand (*lazy_xml.xmlTextReaderExpand)
#define xmlTextReaderIsEmptyElement (*lazy_xml.xmlTextReaderIsEmptyElement)
#define xmlTextReaderNext (*lazy_xml.xmlTextReaderNext)
#define xmlTextReaderNodeType (*lazy_xml.xmlTextReaderNodeType)
#define xmlTextReaderRead (*lazy_xml.xmlTextReaderRead)
#define xmlTextReaderSetStructuredErrorHandler \
	(*lazy_xml.xmlTextReaderSetStructuredErrorHandler)
#define xmlTextWriterEndDocument (*lazy_xml.xmlTextWriterEndDocument)
#define xmlTextWriterEndElement (*lazy_xml.xmlTextWriterEndElement)
#define xmlTextWriterFlush (*lazy_xml.xmlTextWriterFlush)
#define xmlTextWriterSetIndent (*lazy_xml.xmlTextWriterSetIndent)
#define xmlTextWriterSetIndentString (*lazy_xml.xmlTextWriterSetIndentString)
#define xmlTextWriterStartDocument (*lazy_xml.xmlTextWriterStartDocument)
#define xmlTextWriterStartElement (*lazy_xml.xmlTextWriterStartElement)
#define xmlTextWriterStartElementNS (*lazy_xml.xmlTextWriterStartElementNS)
#define xmlTextWriterWriteAttribute (*lazy_xml.xmlTextWriterWriteAttribute)
#define xmlTextWriterWriteElement (*lazy_xml.xmlTextWriterWriteElement)
#define xmlTextWriterWriteRawLen (*lazy_xml.xmlTextWriterWriteRawLen)

#define zip_close (*lazy_zip.zip_close)
#define zip_dir_add (*lazy_zip.zip_dir_add)
#define zip_discard (*lazy_zip.zip_discard)
#define zip_error_fini (*lazy_zip.zip_error_fini)
#define zip_error_init (*lazy_zip.zip_error_init)
#define zip_error_init_with_code (*lazy_zip.zip_error_init_with_code)
#define zip_error_set (*lazy_zip.zip_error_set)
#define zip_error_strerror (*lazy_zip.zip_error_strerror)
#define zip_error_to_data (*lazy_zip.zip_error_to_data)
#define zip_fclose (*lazy_zip.zip_fclose)
#define zip_file_add (*lazy_zip.zip_file_add)
#define zip_file_strerror (*lazy_zip.zip_file_strerror)
#define zip_fopen_index (*lazy_zip.zip_fopen_index)
#define zip_fread (*lazy_zip.zip_fread)
#define zip_get_name (*lazy_zip.zip_get_name)
#define zip_get_num_entries (*lazy_zip.zip_get_num_entries)
#define zip_name_locate (*lazy_zip.zip_name_locate)
#define zip_open (*lazy_zip.zip_open)
#define zip_open_from_source (*lazy_zip.zip_open_from_source)
#define zip_register_cancel_callback_with_state \
	(*lazy_zip.zip_register_cancel_callback_with_state)
#define zip_register_progress_callback_with_state \
	(*lazy_zip.zip_register_progress_callback_with_state)
#define zip_set_file_compression (*lazy_zip.zip_set_file_compression)
#define zip_source_buffer_create (*lazy_zip.zip_source_buffer_create)
#define zip_source_filep (*lazy_zip.zip_source_filep)
#define zip_source_free (*lazy_zip.zip_source_free)
#define zip_source_function (*lazy_zip.zip_source_function)
#define zip_source_make_command_bitmap (*lazy_zip.zip_source_make_command_bitmap)
#define zip_source_seek_compute_offset (*lazy_zip.zip_source_seek_compute_offset)
#define zip_stat_index (*lazy_zip.zip_stat_index)
#define zip_stat_init (*lazy_zip.zip_stat_init)
#define zip_strerror (*lazy_zip.zip_strerror)

#define format_set_bold (*lazy_xlsx.format_set_bold)
#define format_set_num_format (*lazy_xlsx.format_set_num_format)
#define lxw_strerror (*lazy_xlsx.lxw_strerror)
#define lxw_workbook_free (*lazy_xlsx.lxw_workbook_free)
#define workbook_add_format (*lazy_xlsx.workbook_add_format)
#define workbook_add_worksheet (*lazy_xlsx.workbook_add_worksheet)
#define workbook_close (*lazy_xlsx.workbook_close)
#define workbook_get_worksheet_by_name (*lazy_xlsx.workbook_get_worksheet_by_name)
#define workbook_new (*lazy_xlsx.workbook_new)
#define worksheet_autofilter (*lazy_xlsx.worksheet_autofilter)
#define worksheet_freeze_panes (*lazy_xlsx.worksheet_freeze_panes)
#define worksheet_set_column (*lazy_xlsx.worksheet_set_column)
#define worksheet_write_number (*lazy_xlsx.worksheet_write_number)
#define worksheet_write_string (*lazy_xlsx.worksheet_write_string)
#endif

#endif
