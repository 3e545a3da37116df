using System;

namespace StaticNets.Tests.Weights;

/// <summary>
/// CRC-32C computed bit by bit straight from its definition (reflected polynomial 0x82F63B78, init and final XOR
/// 0xFFFFFFFF), as an independent reference for the library's table/hardware implementation.
/// </summary>
internal static class ReferenceCrc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
