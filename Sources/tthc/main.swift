import TTHCCLI

#if canImport(Glibc)
    import Glibc
#endif

let status = TTHCTool.run(Array(CommandLine.arguments.dropFirst()), console: .standard())
exit(status)
