package segment

// gojieba is C++: without this the binary loads libstdc++.so and
// libgcc_s.so at every start, and the dynamic loader resolves their
// symbols before main runs, whether or not the segmenter is used
// (about 0.8 ms and 1.7 million instructions of every `nianbao` run,
// `nianbao -h` included; issue 10). Linked statically they cost nothing
// until used.

// #cgo LDFLAGS: -static-libstdc++ -static-libgcc
import "C"
