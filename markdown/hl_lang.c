/* hl_lang.c - the languages markdown/'s highlighter knows: word lists,
 * comment markers, flags, names (hl_int.h) */
#include "hl_int.h"

#include <string.h>
#include <strings.h>

#include "banned.h"

#define WORDS(a, lo, hi, min, max) \
	{ a, sizeof a / sizeof *a, { lo, hi }, min, max }
#define NO_WORDS { NULL, 0, { 0, 0 }, 0, 0 }

static const char *const c_kw[] = {
	"NULL", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
	"_Static_assert", "_Thread_local", "auto", "break", "case", "const",
	"continue", "default", "do", "else", "enum", "extern", "false",
	"for", "goto", "if", "inline", "register", "restrict", "return",
	"sizeof", "static", "struct", "switch", "true", "typedef", "union",
	"volatile", "while",
};

static const char *const c_ty[] = {
	"DIR", "FILE", "_Bool", "_Complex", "bool", "char", "double",
	"float", "gid_t", "int", "int16_t", "int32_t", "int64_t", "int8_t",
	"intmax_t", "intptr_t", "long", "mode_t", "off_t", "pid_t",
	"ptrdiff_t", "short", "signed", "size_t", "ssize_t", "time_t",
	"uid_t", "uint16_t", "uint32_t", "uint64_t", "uint8_t", "uintmax_t",
	"uintptr_t", "unsigned", "va_list", "void", "wchar_t",
};

static const char *const c_bi[] = {
	"abort", "assert", "calloc", "close", "exit", "fclose", "fgets",
	"fopen", "fprintf", "fputs", "fread", "free", "fwrite", "getchar",
	"malloc", "memcmp", "memcpy", "memmove", "memset", "open", "perror",
	"printf", "putchar", "puts", "read", "realloc", "snprintf", "strchr",
	"strcmp", "strdup", "strlen", "strncmp", "strrchr", "strstr",
	"write",
};

static const char *const cpp_kw[] = {
	"NULL", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
	"_Static_assert", "_Thread_local", "alignas", "alignof", "and",
	"asm", "auto", "break", "case", "catch", "class", "co_await",
	"co_return", "co_yield", "concept", "const", "const_cast",
	"consteval", "constexpr", "constinit", "continue", "decltype",
	"default", "delete", "do", "dynamic_cast", "else", "enum",
	"explicit", "export", "extern", "false", "final", "for", "friend",
	"goto", "if", "inline", "mutable", "namespace", "new", "noexcept",
	"not", "nullptr", "operator", "or", "override", "private",
	"protected", "public", "register", "reinterpret_cast", "requires",
	"restrict", "return", "sizeof", "static", "static_assert",
	"static_cast", "struct", "switch", "template", "this",
	"thread_local", "throw", "true", "try", "typedef", "typeid",
	"typename", "union", "using", "virtual", "volatile", "while", "xor",
};

static const char *const cpp_ty[] = {
	"DIR", "FILE", "_Bool", "_Complex", "array", "bool", "char",
	"char16_t", "char32_t", "char8_t", "double", "float", "function",
	"gid_t", "int", "int16_t", "int32_t", "int64_t", "int8_t",
	"intmax_t", "intptr_t", "long", "map", "mode_t", "off_t", "optional",
	"pair", "pid_t", "ptrdiff_t", "set", "shared_ptr", "short", "signed",
	"size_t", "ssize_t", "string", "string_view", "time_t", "tuple",
	"uid_t", "uint16_t", "uint32_t", "uint64_t", "uint8_t", "uintmax_t",
	"uintptr_t", "unique_ptr", "unordered_map", "unordered_set",
	"unsigned", "va_list", "variant", "vector", "void", "wchar_t",
	"weak_ptr", "wstring",
};

static const char *const cpp_bi[] = {
	"abort", "assert", "calloc", "cerr", "close", "cout", "endl", "exit",
	"fclose", "fgets", "fopen", "forward", "fprintf", "fputs", "fread",
	"free", "fwrite", "getchar", "make_shared", "make_unique", "malloc",
	"memcmp", "memcpy", "memmove", "memset", "move", "open", "perror",
	"printf", "putchar", "puts", "read", "realloc", "snprintf", "std",
	"strchr", "strcmp", "strdup", "strlen", "strncmp", "strrchr",
	"strstr", "write",
};

static const char *const sh_kw[] = {
	"break", "case", "continue", "declare", "do", "done", "elif", "else",
	"esac", "exit", "export", "fi", "for", "function", "if", "in",
	"local", "readonly", "return", "select", "shift", "then", "time",
	"trap", "typeset", "unset", "until", "while",
};

static const char *const sh_bi[] = {
	"alias", "bg", "cd", "command", "dirs", "echo", "eval", "exec",
	"false", "fg", "getopts", "hash", "jobs", "kill", "let", "mapfile",
	"popd", "printf", "pushd", "pwd", "read", "set", "source", "sudo",
	"test", "true", "type", "ulimit", "umask", "wait",
};

static const char *const python_kw[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await",
	"break", "class", "continue", "def", "del", "elif", "else", "except",
	"finally", "for", "from", "global", "if", "import", "in", "is",
	"lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
	"while", "with", "yield",
};

static const char *const python_ty[] = {
	"AttributeError", "BaseException", "Exception", "FileNotFoundError",
	"IOError", "ImportError", "IndexError", "KeyError",
	"NotImplementedError", "OSError", "RuntimeError", "StopIteration",
	"TypeError", "ValueError",
};

static const char *const python_bi[] = {
	"abs", "all", "any", "bool", "bytes", "callable", "chr",
	"classmethod", "cls", "dict", "dir", "divmod", "enumerate", "filter",
	"float", "format", "frozenset", "getattr", "hasattr", "hash", "hex",
	"id", "input", "int", "isinstance", "issubclass", "iter", "len",
	"list", "map", "max", "min", "next", "object", "open", "ord", "pow",
	"print", "property", "range", "repr", "reversed", "round", "self",
	"set", "setattr", "slice", "sorted", "staticmethod", "str", "sum",
	"super", "tuple", "type", "vars", "zip",
};

static const char *const javascript_kw[] = {
	"async", "await", "break", "case", "catch", "class", "const",
	"continue", "debugger", "default", "delete", "do", "else", "export",
	"extends", "false", "finally", "for", "from", "function", "get",
	"if", "import", "in", "instanceof", "let", "new", "null", "of",
	"return", "set", "static", "super", "switch", "this", "throw",
	"true", "try", "typeof", "undefined", "var", "void", "while", "with",
	"yield",
};

static const char *const javascript_ty[] = {
	"Array", "ArrayBuffer", "BigInt", "Boolean", "Date", "Error", "Map",
	"Number", "Object", "Promise", "Proxy", "RegExp", "Set", "String",
	"Symbol", "TypeError", "Uint8Array", "WeakMap", "WeakSet",
};

static const char *const javascript_bi[] = {
	"Intl", "JSON", "Math", "Reflect", "clearInterval", "clearTimeout",
	"console", "document", "exports", "fetch", "globalThis", "module",
	"parseFloat", "parseInt", "process", "queueMicrotask", "require",
	"setInterval", "setTimeout", "structuredClone", "window",
};

static const char *const typescript_kw[] = {
	"abstract", "as", "asserts", "async", "await", "break", "case",
	"catch", "class", "const", "continue", "debugger", "declare",
	"default", "delete", "do", "else", "enum", "export", "extends",
	"false", "finally", "for", "from", "function", "get", "if",
	"implements", "import", "in", "infer", "instanceof", "interface",
	"is", "keyof", "let", "module", "namespace", "never", "new", "null",
	"of", "override", "private", "protected", "public", "readonly",
	"return", "satisfies", "set", "static", "super", "switch", "this",
	"throw", "true", "try", "type", "typeof", "undefined", "unique",
	"var", "void", "while", "with", "yield",
};

static const char *const typescript_ty[] = {
	"Array", "ArrayBuffer", "BigInt", "Boolean", "Date", "Error", "Map",
	"Number", "Object", "Omit", "Partial", "Pick", "Promise", "Proxy",
	"Readonly", "Record", "RegExp", "Required", "Set", "String",
	"Symbol", "TypeError", "Uint8Array", "WeakMap", "WeakSet", "any",
	"bigint", "boolean", "number", "object", "string", "symbol",
	"unknown",
};

static const char *const typescript_bi[] = {
	"Intl", "JSON", "Math", "Reflect", "clearInterval", "clearTimeout",
	"console", "document", "exports", "fetch", "globalThis", "module",
	"parseFloat", "parseInt", "process", "queueMicrotask", "require",
	"setInterval", "setTimeout", "structuredClone", "window",
};

static const char *const json_kw[] = {
	"false", "null", "true",
};

static const char *const yaml_kw[] = {
	"FALSE", "False", "NO", "NULL", "No", "Null", "OFF", "ON", "Off",
	"On", "TRUE", "True", "YES", "Yes", "false", "no", "null", "off",
	"on", "true", "yes",
};

static const char *const toml_kw[] = {
	"false", "inf", "nan", "true",
};

static const char *const ini_kw[] = {
	"false", "no", "off", "on", "true", "yes",
};

static const char *const go_kw[] = {
	"break", "case", "chan", "const", "continue", "default", "defer",
	"else", "fallthrough", "false", "for", "func", "go", "goto", "if",
	"import", "interface", "iota", "map", "nil", "package", "range",
	"return", "select", "struct", "switch", "true", "type", "var",
};

static const char *const go_ty[] = {
	"any", "bool", "byte", "comparable", "complex128", "complex64",
	"error", "float32", "float64", "int", "int16", "int32", "int64",
	"int8", "rune", "string", "uint", "uint16", "uint32", "uint64",
	"uint8", "uintptr",
};

static const char *const go_bi[] = {
	"append", "cap", "clear", "close", "complex", "copy", "delete",
	"imag", "len", "make", "max", "min", "new", "panic", "print",
	"println", "real", "recover",
};

static const char *const rust_kw[] = {
	"Self", "as", "async", "await", "break", "const", "continue",
	"crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
	"impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
	"ref", "return", "self", "static", "struct", "super", "trait",
	"true", "type", "union", "unsafe", "use", "where", "while", "yield",
};

static const char *const rust_ty[] = {
	"Arc", "BTreeMap", "Box", "Cell", "HashMap", "HashSet", "Option",
	"Rc", "RefCell", "Result", "String", "Vec", "bool", "char", "f32",
	"f64", "i128", "i16", "i32", "i64", "i8", "isize", "str", "u128",
	"u16", "u32", "u64", "u8", "usize",
};

static const char *const rust_bi[] = {
	"Err", "None", "Ok", "Some",
};

static const char *const java_kw[] = {
	"abstract", "assert", "break", "case", "catch", "class", "const",
	"continue", "default", "do", "else", "enum", "extends", "false",
	"final", "finally", "for", "goto", "if", "implements", "import",
	"instanceof", "interface", "native", "new", "null", "package",
	"permits", "private", "protected", "public", "record", "return",
	"sealed", "static", "strictfp", "super", "switch", "synchronized",
	"this", "throw", "throws", "transient", "true", "try", "var", "void",
	"volatile", "while", "yield",
};

static const char *const java_ty[] = {
	"ArrayList", "Boolean", "Byte", "Character", "Double", "Exception",
	"Float", "HashMap", "HashSet", "Integer", "List", "Long", "Map",
	"Object", "Optional", "RuntimeException", "Set", "Short", "String",
	"Thread", "boolean", "byte", "char", "double", "float", "int",
	"long", "short",
};

static const char *const java_bi[] = {
	"System",
};

static const char *const sql_kw[] = {
	"add", "all", "alter", "and", "as", "asc", "begin", "between", "by",
	"cascade", "case", "cast", "check", "column", "commit", "constraint",
	"create", "cross", "database", "default", "delete", "desc",
	"distinct", "drop", "else", "end", "exists", "explain", "false",
	"foreign", "from", "full", "function", "grant", "group", "having",
	"if", "in", "index", "inner", "insert", "into", "is", "join", "key",
	"left", "like", "limit", "natural", "not", "null", "offset", "on",
	"or", "order", "outer", "over", "partition", "primary", "procedure",
	"references", "rename", "replace", "returning", "revoke", "right",
	"rollback", "schema", "select", "set", "table", "then", "to",
	"transaction", "trigger", "true", "truncate", "union", "unique",
	"update", "using", "values", "view", "when", "where", "window",
	"with",
};

static const char *const sql_ty[] = {
	"bigint", "binary", "bit", "blob", "bool", "boolean", "char", "date",
	"datetime", "decimal", "double", "float", "int", "integer",
	"interval", "json", "jsonb", "numeric", "real", "serial", "smallint",
	"text", "time", "timestamp", "timestamptz", "uuid", "varchar",
};

static const char *const sql_bi[] = {
	"avg", "coalesce", "count", "length", "lower", "max", "min", "now",
	"nullif", "round", "substr", "substring", "sum", "upper",
};

static const char *const dockerfile_kw[] = {
	"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
	"HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
	"STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
};

static const char *const makefile_kw[] = {
	"define", "else", "endef", "endif", "export", "ifdef", "ifeq",
	"ifndef", "ifneq", "include", "override", "private", "sinclude",
	"undefine", "unexport", "vpath",
};

static const struct hl_lang langs[] = {
	{ "c", HL_GENERIC,
	    HL_PREPROC | HL_CALLS,
	    "//", NULL, "/*", "*/",
	    WORDS(c_kw, 0x0ULL, 0xfc02fe80004000ULL, 2, 14),
	    WORDS(c_ty, 0x0ULL, 0xf9b2dc80000050ULL, 3, 9),
	    WORDS(c_bi, 0x0ULL, 0x8da0ea00000000ULL, 4, 8) },
	{ "cpp", HL_GENERIC,
	    HL_PREPROC | HL_CALLS,
	    "//", NULL, "/*", "*/",
	    WORDS(cpp_kw, 0x0ULL, 0x1fde2fe80004000ULL, 2, 16),
	    WORDS(cpp_ty, 0x0ULL, 0xf9b2de80000050ULL, 3, 13),
	    WORDS(cpp_bi, 0x0ULL, 0x8da0ea00000000ULL, 3, 11) },
	{ "sh", HL_GENERIC,
	    HL_SQ_STRING | HL_SQ_RAW | HL_DOLLAR | HL_HASH_WORD,
	    "#", NULL, NULL, NULL,
	    WORDS(sh_kw, 0x0ULL, 0xbc127c00000000ULL, 2, 8),
	    NO_WORDS,
	    WORDS(sh_bi, 0x0ULL, 0xbd3dfe00000000ULL, 2, 7) },
	{ "console", HL_CONSOLE,
	    0,
	    NULL, NULL, NULL, NULL,
	    NO_WORDS,
	    NO_WORDS,
	    NO_WORDS },
	{ "python", HL_GENERIC,
	    HL_SQ_STRING | HL_TRIPLE | HL_STRING_PREFIX | HL_DECORATOR |
	    HL_CALLS,
	    "#", NULL, NULL, NULL,
	    WORDS(python_kw, 0x0ULL, 0x295d2fe00104040ULL, 2, 8),
	    WORDS(python_ty, 0x0ULL, 0x5cca66ULL, 7, 19),
	    WORDS(python_bi, 0x0ULL, 0x45df3fe00000000ULL, 2, 12) },
	{ "javascript", HL_GENERIC,
	    HL_SQ_STRING | HL_TEMPLATE | HL_CALLS,
	    "//", NULL, "/*", "*/",
	    WORDS(javascript_kw, 0x0ULL, 0x2fcd2fe00000000ULL, 2, 10),
	    WORDS(javascript_ty, 0x0ULL, 0xbde036ULL, 3, 11),
	    WORDS(javascript_bi, 0x0ULL, 0x8f20f800042600ULL, 4, 15) },
	{ "typescript", HL_GENERIC,
	    HL_SQ_STRING | HL_TEMPLATE | HL_CALLS | HL_DECORATOR,
	    "//", NULL, "/*", "*/",
	    WORDS(typescript_kw, 0x0ULL, 0x2fdfafe00000000ULL, 2, 10),
	    WORDS(typescript_ty, 0x0ULL, 0x28c00600bde036ULL, 3, 11),
	    WORDS(typescript_bi, 0x0ULL, 0x8f20f800042600ULL, 4, 15) },
	{ "json", HL_GENERIC,
	    HL_KEY_COLON,
	    "//", NULL, "/*", "*/",
	    WORDS(json_kw, 0x0ULL, 0x10404000000000ULL, 4, 5),
	    NO_WORDS,
	    NO_WORDS },
	{ "yaml", HL_GENERIC,
	    HL_SQ_STRING | HL_SQ_RAW | HL_SQL_QUOTE | HL_HASH_WORD | HL_YAML |
	    HL_KEY_COLON | HL_DASH_WORDS,
	    "#", NULL, NULL, NULL,
	    WORDS(yaml_kw, 0x0ULL, 0x210c0400210c040ULL, 2, 5),
	    NO_WORDS,
	    NO_WORDS },
	{ "toml", HL_GENERIC,
	    HL_SQ_STRING | HL_SQ_RAW | HL_TRIPLE | HL_SECTION | HL_KEY_EQUAL |
	    HL_HASH_WORD | HL_DASH_WORDS,
	    "#", NULL, NULL, NULL,
	    WORDS(toml_kw, 0x0ULL, 0x10424000000000ULL, 3, 5),
	    NO_WORDS,
	    NO_WORDS },
	{ "ini", HL_GENERIC,
	    HL_SECTION | HL_KEY_EQUAL,
	    ";", "#", NULL, NULL,
	    WORDS(ini_kw, 0x0ULL, 0x210c04000000000ULL, 2, 5),
	    NO_WORDS,
	    NO_WORDS },
	{ "go", HL_GENERIC,
	    HL_BACKTICK_RAW | HL_CALLS,
	    "//", NULL, "/*", "*/",
	    WORDS(go_kw, 0x0ULL, 0x5d62fc00000000ULL, 2, 11),
	    WORDS(go_ty, 0x0ULL, 0x2c026e00000000ULL, 3, 10),
	    WORDS(go_bi, 0x0ULL, 0x5721a00000000ULL, 3, 7) },
	{ "rust", HL_GENERIC,
	    HL_RUST_RAW | HL_MACRO_BANG | HL_HASH_ATTR | HL_CALLS,
	    "//", NULL, "/*", "*/",
	    WORDS(rust_kw, 0x0ULL, 0x2bd327e00080000ULL, 2, 8),
	    WORDS(rust_ty, 0x0ULL, 0x28024c004c810eULL, 2, 8),
	    WORDS(rust_bi, 0x0ULL, 0x8c020ULL, 2, 4) },
	{ "java", HL_GENERIC,
	    HL_TRIPLE | HL_DECORATOR | HL_CALLS,
	    "//", NULL, "/*", "*/",
	    WORDS(java_kw, 0x0ULL, 0x2dd42fe00000000ULL, 2, 12),
	    WORDS(java_ty, 0x0ULL, 0x8125c001cb37eULL, 3, 16),
	    WORDS(java_bi, 0x0ULL, 0x80000ULL, 6, 6) },
	{ "html", HL_MARKUP,
	    0,
	    NULL, NULL, NULL, NULL,
	    NO_WORDS,
	    NO_WORDS,
	    NO_WORDS },
	{ "css", HL_GENERIC,
	    HL_CSS | HL_DASH_WORDS | HL_SQ_STRING | HL_CALLS,
	    NULL, NULL, "/*", "*/",
	    NO_WORDS,
	    NO_WORDS,
	    NO_WORDS },
	{ "sql", HL_GENERIC,
	    HL_NOCASE | HL_SQ_STRING | HL_SQ_RAW | HL_SQL_QUOTE | HL_CALLS,
	    "--", NULL, "/*", "*/",
	    WORDS(sql_kw, 0x0ULL, 0xfddffe00fddffeULL, 2, 11),
	    WORDS(sql_ty, 0x0ULL, 0x7c465c007c465cULL, 3, 11),
	    WORDS(sql_bi, 0x0ULL, 0x2c700a002c700aULL, 3, 9) },
	{ "diff", HL_DIFF,
	    0,
	    NULL, NULL, NULL, NULL,
	    NO_WORDS,
	    NO_WORDS,
	    NO_WORDS },
	{ "dockerfile", HL_GENERIC,
	    HL_LINE_KEYWORD | HL_NOCASE | HL_SQ_STRING | HL_SQ_RAW |
	    HL_DOLLAR | HL_HASH_WORD,
	    "#", NULL, NULL, NULL,
	    WORDS(dockerfile_kw, 0x0ULL, 0xecb16a00ecb16aULL, 3, 11),
	    NO_WORDS,
	    NO_WORDS },
	{ "makefile", HL_GENERIC,
	    HL_MAKE | HL_DOLLAR | HL_SQ_STRING | HL_SQ_RAW,
	    "#", NULL, NULL, NULL,
	    WORDS(makefile_kw, 0x0ULL, 0x69823000000000ULL, 4, 8),
	    NO_WORDS,
	    NO_WORDS },
};

/* Names in code blocks' classes: each to its index in langs. */
static const struct alias {
	const char *name;
	unsigned lang;
} aliases[] = {
	{ "atom", 14 },	/* html */
	{ "bash", 2 },	/* sh */
	{ "bats", 2 },	/* sh */
	{ "bsdmakefile", 19 },	/* makefile */
	{ "c", 0 },	/* c */
	{ "c++", 1 },	/* cpp */
	{ "cc", 1 },	/* cpp */
	{ "cfg", 10 },	/* ini */
	{ "cjs", 5 },	/* javascript */
	{ "cnf", 10 },	/* ini */
	{ "conf", 10 },	/* ini */
	{ "console", 3 },	/* console */
	{ "containerfile", 18 },	/* dockerfile */
	{ "cpp", 1 },	/* cpp */
	{ "css", 15 },	/* css */
	{ "cts", 6 },	/* typescript */
	{ "cu", 1 },	/* cpp */
	{ "cuda", 1 },	/* cpp */
	{ "cxx", 1 },	/* cpp */
	{ "desktop", 10 },	/* ini */
	{ "diff", 17 },	/* diff */
	{ "docker", 18 },	/* dockerfile */
	{ "dockerfile", 18 },	/* dockerfile */
	{ "editorconfig", 10 },	/* ini */
	{ "geojson", 7 },	/* json */
	{ "gitconfig", 10 },	/* ini */
	{ "gnumakefile", 19 },	/* makefile */
	{ "go", 11 },	/* go */
	{ "golang", 11 },	/* go */
	{ "gyp", 4 },	/* python */
	{ "h", 1 },	/* cpp */
	{ "h++", 1 },	/* cpp */
	{ "hh", 1 },	/* cpp */
	{ "hpp", 1 },	/* cpp */
	{ "htm", 14 },	/* html */
	{ "html", 14 },	/* html */
	{ "hxx", 1 },	/* cpp */
	{ "ini", 10 },	/* ini */
	{ "ino", 1 },	/* cpp */
	{ "java", 13 },	/* java */
	{ "javascript", 5 },	/* javascript */
	{ "js", 5 },	/* javascript */
	{ "json", 7 },	/* json */
	{ "json5", 7 },	/* json */
	{ "jsonc", 7 },	/* json */
	{ "jsx", 5 },	/* javascript */
	{ "ksh", 2 },	/* sh */
	{ "less", 15 },	/* css */
	{ "mak", 19 },	/* makefile */
	{ "make", 19 },	/* makefile */
	{ "makefile", 19 },	/* makefile */
	{ "mjs", 5 },	/* javascript */
	{ "mk", 19 },	/* makefile */
	{ "mts", 6 },	/* typescript */
	{ "mysql", 16 },	/* sql */
	{ "node", 5 },	/* javascript */
	{ "patch", 17 },	/* diff */
	{ "pgsql", 16 },	/* sql */
	{ "plist", 14 },	/* html */
	{ "plsql", 16 },	/* sql */
	{ "postgres", 16 },	/* sql */
	{ "postgresql", 16 },	/* sql */
	{ "properties", 10 },	/* ini */
	{ "psql", 16 },	/* sql */
	{ "py", 4 },	/* python */
	{ "py3", 4 },	/* python */
	{ "pyi", 4 },	/* python */
	{ "python", 4 },	/* python */
	{ "python3", 4 },	/* python */
	{ "rs", 12 },	/* rust */
	{ "rss", 14 },	/* html */
	{ "rust", 12 },	/* rust */
	{ "scss", 15 },	/* css */
	{ "service", 10 },	/* ini */
	{ "sh", 2 },	/* sh */
	{ "sh-session", 3 },	/* console */
	{ "shell", 2 },	/* sh */
	{ "shell-session", 3 },	/* console */
	{ "shellscript", 2 },	/* sh */
	{ "shellsession", 3 },	/* console */
	{ "sql", 16 },	/* sql */
	{ "sqlite", 16 },	/* sql */
	{ "svg", 14 },	/* html */
	{ "systemd", 10 },	/* ini */
	{ "terminal", 3 },	/* console */
	{ "toml", 9 },	/* toml */
	{ "ts", 6 },	/* typescript */
	{ "tsql", 16 },	/* sql */
	{ "tsx", 6 },	/* typescript */
	{ "typescript", 6 },	/* typescript */
	{ "udiff", 17 },	/* diff */
	{ "vue", 14 },	/* html */
	{ "xhtml", 14 },	/* html */
	{ "xml", 14 },	/* html */
	{ "xsl", 14 },	/* html */
	{ "xslt", 14 },	/* html */
	{ "yaml", 8 },	/* yaml */
	{ "yml", 8 },	/* yaml */
	{ "zsh", 2 },	/* sh */
};

const struct hl_lang *
hl_lang_find(const char *name, size_t len)
{
	size_t lo = 0, hi = sizeof aliases / sizeof *aliases;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2, n = strlen(aliases[mid].name);
		int r = strncasecmp(name, aliases[mid].name, len < n ? len : n);

		if (!r)
			r = len < n ? -1 : len > n;
		if (!r)
			return &langs[aliases[mid].lang];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct hl_lang *
hl_lang_all(size_t *n)
{
	*n = sizeof langs / sizeof *langs;
	return langs;
}
