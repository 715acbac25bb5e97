#!/usr/bin/env python3
"""Lists the GPU architectures compiled into a CUDA shared library, without the CUDA toolkit.

    python3 backend-cuda/fatbin-archs.py path/to/libnd4jcuda.so

Reads the ELF section .nv_fatbin: a sequence of fat binaries (magic 0xBA55ED50, 16-byte header), each a
list of entries whose header gives the kind (1 PTX, 2 ELF cubin) and, at offset 28, the SM version.
Prints how many kernels' code exists per (kind, architecture). This is how CudaBuild.COMPILED_ARCHITECTURES
was established for nd4j-cuda-11.6 1.0.0-M2.1 (see README.md).
"""
import collections
import struct
import sys

FATBIN_MAGIC = 0xBA55ED50


def section(data, name):
    """(offset, size) of the ELF64 section called name."""
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)
    strtab_off, = struct.unpack_from('<Q', data, shoff + shstrndx * shentsize + 0x18)
    for i in range(shnum):
        header = shoff + i * shentsize
        name_off, = struct.unpack_from('<I', data, header)
        end = data.index(b'\0', strtab_off + name_off)
        if data[strtab_off + name_off:end].decode() == name:
            offset, size = struct.unpack_from('<QQ', data, header + 0x18)
            return offset, size
    raise SystemExit(f'no {name} section: not a CUDA library')


def architectures(fatbin):
    counts = collections.Counter()
    pos = 0
    while pos + 16 <= len(fatbin):
        magic, _, header_size, body_size = struct.unpack_from('<IHHQ', fatbin, pos)
        if magic != FATBIN_MAGIC:
            pos += 8  # fat binaries are 8-byte aligned, with padding between them
            continue
        entry, end = pos + header_size, pos + header_size + body_size
        while entry < end:
            kind, _, entry_header, entry_size = struct.unpack_from('<HHIQ', fatbin, entry)
            arch, = struct.unpack_from('<I', fatbin, entry + 28)
            counts[({1: 'PTX', 2: 'cubin'}.get(kind, str(kind)), arch)] += 1
            entry += entry_header + entry_size
        pos = end
    return counts


def main():
    with open(sys.argv[1], 'rb') as f:
        data = f.read()
    offset, size = section(data, '.nv_fatbin')
    for (kind, arch), n in sorted(architectures(data[offset:offset + size]).items()):
        print(f'{kind:5} sm_{arch}: {n} fat binaries')


if __name__ == '__main__':
    main()
