/* store/libs.h — libxml2, libzip and libxlsxwriter, loaded on first use.
 *
 * Linked, the three and what they bring (ICU and its 31 MB of data,
 * libstdc++, libcrypto) cost every command 3 ms of relocations at start,
 * though only imports and exports of a few formats call them (anker
 * --version 4.4 -> 1.4 ms CPU).  So they are loaded by their SONAME, like
 * poppler-glib (corpus/format_pdf.c), by the functions that start such
 * work: store_xml_load, store_zip_load, store_xlsx_load.
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

#include "store.h"

#define STORE_XML_FUNCS(X) \
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

#define STORE_ZIP_FUNCS(X) \
	X(zip_close) X(zip_dir_add) X(zip_discard) X(zip_error_fini) X(zip_error_init) \
	X(zip_error_init_with_code) X(zip_error_set) X(zip_error_strerror) X(zip_error_to_data) \
	X(zip_fclose) X(zip_file_add) X(zip_file_strerror) X(zip_fopen_index) X(zip_fread) \
	X(zip_get_name) X(zip_get_num_entries) X(zip_name_locate) X(zip_open) \
	X(zip_open_from_source) X(zip_register_cancel_callback_with_state) \
	X(zip_register_progress_callback_with_state) X(zip_set_file_compression) \
	X(zip_source_buffer_create) X(zip_source_filep) X(zip_source_free) X(zip_source_function) \
	X(zip_source_make_command_bitmap) X(zip_source_seek_compute_offset) X(zip_stat_index) \
	X(zip_stat_init) X(zip_strerror)

#define STORE_XLSX_FUNCS(X) \
	X(format_set_bold) X(format_set_num_format) X(lxw_strerror) X(lxw_workbook_free) \
	X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) \
	X(workbook_get_worksheet_by_name) X(workbook_new) X(worksheet_autofilter) \
	X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_write_number) \
	X(worksheet_write_string)

/* The tables: each member's type is taken from the library's header
 * (xmlFree is a variable holding a function, the rest are functions). */
#define STORE_LIB_MEMBER(name) __typeof__(name) *name;
struct store_xml { STORE_XML_FUNCS(STORE_LIB_MEMBER) };
struct store_zip { STORE_ZIP_FUNCS(STORE_LIB_MEMBER) };
struct store_xlsx { STORE_XLSX_FUNCS(STORE_LIB_MEMBER) };
extern struct store_xml store_xml;
extern struct store_zip store_zip;
extern struct store_xlsx store_xlsx;

/* Load the library once (a failure is told each time: it may have been
 * installed since); ANKER_IO naming WHAT needs it ("DOCX import"), the
 * library and its Debian package. */
int store_xml_load(const char *what, struct anker_err *err);
int store_zip_load(const char *what, struct anker_err *err);
int store_xlsx_load(const char *what, struct anker_err *err);

/* Open the library SONAME and look up each of NAMES into FNS (n of them);
 * WHAT and PACKAGE for the message (corpus/format_pdf.c uses it too). */
int store_lib_load(const char *soname, const char *package, const char *what,
                   const char *const *names, void **fns, size_t n, struct anker_err *err);

#ifndef STORE_LIBS_TABLES
#define htmlReadMemory (*store_xml.htmlReadMemory)
#define xmlAddChild (*store_xml.xmlAddChild)
#define xmlBufferContent (*store_xml.xmlBufferContent)
#define xmlBufferCreate (*store_xml.xmlBufferCreate)
#define xmlBufferFree (*store_xml.xmlBufferFree)
#define xmlBufferLength (*store_xml.xmlBufferLength)
#define xmlCtxtGetLastError (*store_xml.xmlCtxtGetLastError)
#define xmlCtxtReadMemory (*store_xml.xmlCtxtReadMemory)
#define xmlDocCopyNode (*store_xml.xmlDocCopyNode)
#define xmlDocGetRootElement (*store_xml.xmlDocGetRootElement)
#define xmlDocSetRootElement (*store_xml.xmlDocSetRootElement)
#define xmlFree (*store_xml.xmlFree)
#define xmlFreeDoc (*store_xml.xmlFreeDoc)
#define xmlFreeParserCtxt (*store_xml.xmlFreeParserCtxt)
#define xmlFreeTextReader (*store_xml.xmlFreeTextReader)
#define xmlFreeTextWriter (*store_xml.xmlFreeTextWriter)
#define xmlGetLineNo (*store_xml.xmlGetLineNo)
#define xmlGetNsProp (*store_xml.xmlGetNsProp)
#define xmlGetProp (*store_xml.xmlGetProp)
#define xmlHasProp (*store_xml.xmlHasProp)
#define xmlNewDoc (*store_xml.xmlNewDoc)
#define xmlNewParserCtxt (*store_xml.xmlNewParserCtxt)
#define xmlNewTextWriter (*store_xml.xmlNewTextWriter)
#define xmlNewTextWriterMemory (*store_xml.xmlNewTextWriterMemory)
#define xmlNodeGetContent (*store_xml.xmlNodeGetContent)
#define xmlOutputBufferClose (*store_xml.xmlOutputBufferClose)
#define xmlOutputBufferCreateFile (*store_xml.xmlOutputBufferCreateFile)
#define xmlReaderForIO (*store_xml.xmlReaderForIO)
#define xmlTextReaderConstLocalName (*store_xml.xmlTextReaderConstLocalName)
#define xmlTextReaderCurrentNode (*store_xml.xmlTextReaderCurrentNode)
#define xmlTextReaderDepth (*store_xml.xmlTextReaderDepth)
#define xmlTextReaderExpand (*store_xml.xmlTextReaderExpand)
#define xmlTextReaderIsEmptyElement (*store_xml.xmlTextReaderIsEmptyElement)
#define xmlTextReaderNext (*store_xml.xmlTextReaderNext)
#define xmlTextReaderNodeType (*store_xml.xmlTextReaderNodeType)
#define xmlTextReaderRead (*store_xml.xmlTextReaderRead)
#define xmlTextReaderSetStructuredErrorHandler \
	(*store_xml.xmlTextReaderSetStructuredErrorHandler)
#define xmlTextWriterEndDocument (*store_xml.xmlTextWriterEndDocument)
#define xmlTextWriterEndElement (*store_xml.xmlTextWriterEndElement)
#define xmlTextWriterFlush (*store_xml.xmlTextWriterFlush)
#define xmlTextWriterSetIndent (*store_xml.xmlTextWriterSetIndent)
#define xmlTextWriterSetIndentString (*store_xml.xmlTextWriterSetIndentString)
#define xmlTextWriterStartDocument (*store_xml.xmlTextWriterStartDocument)
#define xmlTextWriterStartElement (*store_xml.xmlTextWriterStartElement)
#define xmlTextWriterStartElementNS (*store_xml.xmlTextWriterStartElementNS)
#define xmlTextWriterWriteAttribute (*store_xml.xmlTextWriterWriteAttribute)
#define xmlTextWriterWriteElement (*store_xml.xmlTextWriterWriteElement)
#define xmlTextWriterWriteRawLen (*store_xml.xmlTextWriterWriteRawLen)

#define zip_close (*store_zip.zip_close)
#define zip_dir_add (*store_zip.zip_dir_add)
#define zip_discard (*store_zip.zip_discard)
#define zip_error_fini (*store_zip.zip_error_fini)
#define zip_error_init (*store_zip.zip_error_init)
#define zip_error_init_with_code (*store_zip.zip_error_init_with_code)
#define zip_error_set (*store_zip.zip_error_set)
#define zip_error_strerror (*store_zip.zip_error_strerror)
#define zip_error_to_data (*store_zip.zip_error_to_data)
#define zip_fclose (*store_zip.zip_fclose)
#define zip_file_add (*store_zip.zip_file_add)
#define zip_file_strerror (*store_zip.zip_file_strerror)
#define zip_fopen_index (*store_zip.zip_fopen_index)
#define zip_fread (*store_zip.zip_fread)
#define zip_get_name (*store_zip.zip_get_name)
#define zip_get_num_entries (*store_zip.zip_get_num_entries)
#define zip_name_locate (*store_zip.zip_name_locate)
#define zip_open (*store_zip.zip_open)
#define zip_open_from_source (*store_zip.zip_open_from_source)
#define zip_register_cancel_callback_with_state \
	(*store_zip.zip_register_cancel_callback_with_state)
#define zip_register_progress_callback_with_state \
	(*store_zip.zip_register_progress_callback_with_state)
#define zip_set_file_compression (*store_zip.zip_set_file_compression)
#define zip_source_buffer_create (*store_zip.zip_source_buffer_create)
#define zip_source_filep (*store_zip.zip_source_filep)
#define zip_source_free (*store_zip.zip_source_free)
#define zip_source_function (*store_zip.zip_source_function)
#define zip_source_make_command_bitmap (*store_zip.zip_source_make_command_bitmap)
#define zip_source_seek_compute_offset (*store_zip.zip_source_seek_compute_offset)
#define zip_stat_index (*store_zip.zip_stat_index)
#define zip_stat_init (*store_zip.zip_stat_init)
#define zip_strerror (*store_zip.zip_strerror)

#define format_set_bold (*store_xlsx.format_set_bold)
#define format_set_num_format (*store_xlsx.format_set_num_format)
#define lxw_strerror (*store_xlsx.lxw_strerror)
#define lxw_workbook_free (*store_xlsx.lxw_workbook_free)
#define workbook_add_format (*store_xlsx.workbook_add_format)
#define workbook_add_worksheet (*store_xlsx.workbook_add_worksheet)
#define workbook_close (*store_xlsx.workbook_close)
#define workbook_get_worksheet_by_name (*store_xlsx.workbook_get_worksheet_by_name)
#define workbook_new (*store_xlsx.workbook_new)
#define worksheet_autofilter (*store_xlsx.worksheet_autofilter)
#define worksheet_freeze_panes (*store_xlsx.worksheet_freeze_panes)
#define worksheet_set_column (*store_xlsx.worksheet_set_column)
#define worksheet_write_number (*store_xlsx.worksheet_write_number)
#define worksheet_write_string (*store_xlsx.worksheet_write_string)
#endif

#endif
