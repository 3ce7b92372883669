using System.Buffers.Binary;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source.Writer;

namespace ProbeSim.DeviceTree.Tests.Binary;

/// <summary>
/// Seeded mutations of real blobs (truncation, byte flips, header fields, token words, length and name-offset
/// words): reading must either succeed or throw <see cref="DeviceTreeException"/>; never anything else, never hang.
/// Whatever is read must then write back (blob and DTS) without failing.
/// </summary>
public class FdtFuzzTests
{
    private static readonly uint[] Interesting =
    {
        0, 1, 2, 3, 4, 8, 9, 15, 16, 17, 18, 0x28, 0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffc, 0xffffffff, FdtConstants.Magic,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void MutatedCorpusBlobsFailOnlyWithDeviceTreeException(int seed)
    {
        var rng = new Random(seed);
        var files = CorpusBlobs.Files();
        var seeds = Enumerable.Range(0, 6).Select(_ => File.ReadAllBytes(files[rng.Next(files.Length)]))
            .Append(RawFdt.Simple().Blob).ToArray();
        int ok = 0, rejected = 0;
        for (var i = 0; i < 1500; i++)
        {
            var blob = Mutate((byte[])seeds[rng.Next(seeds.Length)].Clone(), rng);
            try
            {
                var tree = FdtReader.Read(blob, "fuzz.dtb");
                FdtWriter.Write(tree, FdtWriteOptions.Default);
                DtbSourceRecovery.Apply(tree);
                DtsWriter.Write(tree);
                ok++;
            }
            catch (DeviceTreeException e)
            {
                Assert.NotEmpty(e.Diagnostics);
                Assert.NotNull(e.Diagnostics[0].ByteOffset);
                rejected++;
            }
        }
        Assert.True(rejected > 0 && ok + rejected == 1500);
    }

    private static byte[] Mutate(byte[] b, Random rng)
    {
        var rounds = 1 + rng.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            switch (rng.Next(7))
            {
                case 0: // truncate
                    b = b[..rng.Next(b.Length + 1)];
                    break;
                case 1: // flip a few bytes anywhere
                    for (var k = rng.Next(1, 8); k > 0 && b.Length > 0; k--) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                    break;
                case 2: // a header field gets an interesting value
                    if (b.Length >= 40) Set(b, 4 * rng.Next(10), Interesting[rng.Next(Interesting.Length)]);
                    break;
                case 3: // a header field gets a random value
                    if (b.Length >= 40) Set(b, 4 * rng.Next(10), (uint)rng.NextInt64(0, 1L << 32));
                    break;
                case 4: // an aligned word becomes a token
                    if (b.Length >= 8) Set(b, 4 * rng.Next(b.Length / 4), (uint)rng.Next(0, 11));
                    break;
                case 5: // an aligned word becomes an interesting length / name offset
                    if (b.Length >= 8) Set(b, 4 * rng.Next(b.Length / 4), Interesting[rng.Next(Interesting.Length)]);
                    break;
                default: // append junk
                    b = b.Concat(Enumerable.Range(0, rng.Next(1, 64)).Select(_ => (byte)rng.Next(256))).ToArray();
                    break;
            }
        }
        return b;
    }

    private static void Set(byte[] b, int off, uint v)
    {
        if (off + 4 <= b.Length) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(off), v);
    }
}
