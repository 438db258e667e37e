//! The PHP binding's generated files. PHP's FFI reads the C declarations themselves (from
//! bunq.h, or under php-fpm from the preload header), so what is generated is:
//! - `bunq_preload.h`, the header PHP's `ffi.preload` setting names: bunq.h under the
//!   `FFI_SCOPE` and `FFI_LIB` directives (the SONAME, so that only a library of this ABI
//!   is loaded), without the C++ `extern "C"` block PHP cannot parse;
//! - `src/Abi.php`: the ABI version, the SONAME, the FFI scope, the status codes and the
//!   status → exception table.

use std::fmt::Write;

use super::marshalling::status_member;
use super::{GeneratedFile, Model, generated_notice};

/// The preload header.
pub const PRELOAD_PATH: &str = "bindings/php/bunq_preload.h";
/// The generated class.
pub const ABI_PATH: &str = "bindings/php/src/Abi.php";

/// The PHP binding's generated files; `bunq_h` is the header's text.
pub fn files(model: &Model, bunq_h: &str) -> Result<Vec<GeneratedFile>, String> {
    Ok(vec![
        GeneratedFile {
            path: PRELOAD_PATH.to_owned(),
            content: preload_header(model, bunq_h),
        },
        GeneratedFile {
            path: ABI_PATH.to_owned(),
            content: abi_class(model),
        },
    ])
}

/// The preload header for `bunq_h`. PHP reads the `#define FFI_*` directives only at the
/// very top of the file, before anything else (a comment included), so they come first.
pub fn preload_header(model: &Model, bunq_h: &str) -> String {
    format!(
        "#define FFI_SCOPE \"{scope}\"\n\
         #define FFI_LIB \"{soname}\"\n\
         /*\n \
         * bunq_preload.h: include/bunq.h for PHP's ffi.preload (see docs/php.md in\n \
         * bunq-context). {notice}\n \
         * FFI_LIB is the library's SONAME: the dynamic loader finds it where `make install`\n \
         * put it (after ldconfig) or on LD_LIBRARY_PATH; write an absolute path in a copy of\n \
         * this file to load another one.\n \
         */\n\
         {declarations}",
        scope = model.data.library.php_ffi_scope,
        soname = model.soname(),
        notice = generated_notice("include/bunq.h"),
        declarations = without_cpp_linkage(bunq_h),
    )
}

/// `header` without its `#ifdef __cplusplus` ... `#endif` blocks (the `extern "C" {` and
/// its closing `}`), as `BunqContext\Library::declarationsForPhp` drops them.
pub fn without_cpp_linkage(header: &str) -> String {
    let mut kept = String::with_capacity(header.len());
    let mut in_block = false;
    for line in header.split_inclusive('\n') {
        if line.trim_end() == "#ifdef __cplusplus" {
            in_block = true;
        } else if in_block {
            in_block = !line.starts_with("#endif");
        } else {
            kept.push_str(line);
        }
    }
    kept
}

fn abi_class(model: &Model) -> String {
    let library = &model.data.library;
    let mut out = format!(
        "<?php\n\n// {}\n\ndeclare(strict_types=1);\n\nnamespace BunqContext;\n\n",
        generated_notice("include/bunq.h and bindings/bindings.toml")
    );
    writeln!(
        out,
        "/**\n * What include/bunq.h says that this binding needs besides the declarations PHP's FFI\n \
         * reads from the header itself: the ABI version, the status codes and the exception class\n \
         * of each status.\n *\n * @internal the classes of this package use it; applications use those classes.\n */\n\
         final class Abi\n{{\n    \
         /** `{}`: the `bunq_abi_version()` this binding was generated for. */\n    \
         public const VERSION = {};\n\n    \
         /** The library's SONAME on Linux: only a library of this ABI has it. */\n    \
         public const SONAME = '{}';\n\n    \
         /** The FFI scope bunq_preload.h declares, for php.ini's `ffi.preload`. */\n    \
         public const FFI_SCOPE = '{}';\n",
        library.abi_version_constant,
        model.abi_version,
        model.soname(),
        library.php_ffi_scope,
    )
    .unwrap();
    writeln!(
        out,
        "    /**\n     * The `{}` codes: name => number.\n     *\n     * @var array<string, int>\n     */\n    public const STATUS = [",
        model.status.name
    )
    .unwrap();
    for (member, value) in &model.status.members {
        writeln!(out, "        '{}' => {value},", member.name).unwrap();
    }
    out.push_str(
        "    ];\n\n    /**\n     * The exception class for each failure status but bunq's refusals.\n     *\n     \
         * @var array<int, class-string<Exception\\BunqException>>\n     */\n    \
         public const EXCEPTION_BY_STATUS = [\n",
    );
    for (name, value, class) in &model.exception_by_status {
        writeln!(
            out,
            "        {value} => Exception\\{class}::class, // {}",
            status_member(name)
        )
        .unwrap();
    }
    let api = &model.data.exceptions.api;
    writeln!(
        out,
        "    ];\n\n    /** bunq's refusals: the class follows the HTTP status, as in bunq's official SDKs. */\n    \
         public const API_ERROR_STATUS = {};\n\n    /**\n     * @var array<int, class-string<Exception\\ApiException>>\n     */\n    \
         public const API_EXCEPTION_BY_HTTP_STATUS = [",
        model.api_status
    )
    .unwrap();
    for (code, class) in &model.api_exception_by_http_status {
        writeln!(out, "        {code} => Exception\\{class}::class,").unwrap();
    }
    writeln!(
        out,
        "    ];\n\n    /** The class for an HTTP status not listed above. */\n    \
         public const API_EXCEPTION_OTHERWISE = Exception\\{}::class;\n\n    \
         private function __construct()\n    {{\n    }}\n}}",
        api.otherwise
    )
    .unwrap();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::Data;
    use crate::c_header::Header;

    const HEADER: &str = "#define BUNQ_ABI_VERSION 7\n\
        typedef enum { BUNQ_OK = 0, BUNQ_ERROR_API = 1, BUNQ_ERROR_X = 2 } bunq_status;\n\
        #ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus\n\n\
        uint32_t bunq_abi_version(void);\n\n\
        #ifdef __cplusplus\n}  // extern \"C\"\n#endif  // __cplusplus\n";

    const DATA: &str = "[library]\nstatus_enum = \"bunq_status\"\nsuccess = \"BUNQ_OK\"\n\
        abi_version_constant = \"BUNQ_ABI_VERSION\"\nsoname = \"libbunq.so.{abi}\"\n\
        csharp_dll_import = \"bunq\"\nphp_ffi_scope = \"BUNQ\"\n\
        [exceptions.by_status]\nBUNQ_ERROR_X = \"XException\"\n\
        [exceptions.api]\nstatus = \"BUNQ_ERROR_API\"\notherwise = \"UnknownApiErrorException\"\n\
        [exceptions.api.by_http_status]\n404 = \"NotFoundException\"\n";

    #[test]
    fn the_directives_come_first_and_name_the_soname_and_the_cpp_block_is_left_out() {
        let header = Header::parse(HEADER).unwrap();
        let data = Data::parse(DATA).unwrap();
        let model = data.model(&header).unwrap();
        let preload = preload_header(&model, HEADER);
        let mut lines = preload.lines();
        assert_eq!(lines.next(), Some("#define FFI_SCOPE \"BUNQ\""));
        assert_eq!(lines.next(), Some("#define FFI_LIB \"libbunq.so.7\""));
        assert!(!preload.contains("extern \"C\""));
        assert!(!preload.contains("__cplusplus"));
        assert!(preload.contains("uint32_t bunq_abi_version(void);"));
    }

    #[test]
    fn the_cpp_linkage_block_is_left_out_and_nothing_else() {
        let header = "int a;\n#ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus\n\nint b(void);\n\n#ifdef __cplusplus\n}  // extern \"C\"\n#endif  // __cplusplus\n#endif\n";
        assert_eq!(
            without_cpp_linkage(header),
            "int a;\n\nint b(void);\n\n#endif\n"
        );
    }

    #[test]
    fn a_status_without_an_exception_class_is_an_error() {
        let header = Header::parse(HEADER).unwrap();
        let data = Data::parse(&DATA.replace("BUNQ_ERROR_X = \"XException\"\n", "")).unwrap();
        let error = data.model(&header).err().unwrap();
        assert!(
            error.contains("no exception class for BUNQ_ERROR_X"),
            "{error}"
        );
        let data = Data::parse(&DATA.replace("BUNQ_ERROR_X =", "BUNQ_ERROR_Y =")).unwrap();
        let error = data.model(&header).err().unwrap();
        assert!(
            error.contains("BUNQ_ERROR_Y, which is no member"),
            "{error}"
        );
    }
}
