using StaticNets.Runtime;

namespace StaticNets.Tests;

/// <summary>The batch kernels against a double-precision triple loop, for every column-tail shape.</summary>
public class GemmTests
{
    [Theory]
    [InlineData(1, 20)]
    [InlineData(7, 40)]
    [InlineData(16, 48)]
    [InlineData(128, 512)]
    [InlineData(3, 130)]
    [InlineData(300, 5)]
    public void OneRow_GivesTheBitsOfThatRowInATiledProduct(int k, int n)
    {
        // A single row (recurrent steps of one sample) has its own kernel; a stream and a batch must agree to the bit.
        var random = new Random(k * 1000 + n);
        float[] a = Enumerable.Range(0, 6 * k).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] bias = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        var all = new float[6 * n];
        Gemm.Multiply(6, k, n, a, k, 1, b, n, bias, all, n);
        float[] added = all.Select(v => v * 0.5f).ToArray();
        float[] start = (float[])added.Clone();
        Gemm.MultiplyAdd(6, k, n, a, k, 1, b, n, added, n);
        for (int row = 0; row < 6; row++)
        {
            var one = new float[n];
            Gemm.Multiply(1, k, n, a.AsSpan(row * k, k), k, 1, b, n, bias, one, n);
            Assert.Equal(all.AsSpan(row * n, n).ToArray(), one);
            float[] oneAdded = start.AsSpan(row * n, n).ToArray();
            Gemm.MultiplyAdd(1, k, n, a.AsSpan(row * k, k), k, 1, b, n, oneAdded, n);
            Assert.Equal(added.AsSpan(row * n, n).ToArray(), oneAdded);
        }
    }

    public static TheoryData<int, int, int, bool, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (int n in new[] { 1, 3, 4, 7, 8, 10, 12, 15, 16, 17, 24, 31, 32, 33, 47, 64, 100 })
        {
            data.Add(5, 9, n, false, true);
            data.Add(8, 3, n, true, false);
        }

        data.Add(1, 1, 1, false, false);
        data.Add(130, 64, 10, false, true);
        data.Add(4, 784, 128, false, true);

        // Several two-vector panels with row and column remainders.
        data.Add(13, 17, 64, true, true);
        data.Add(7, 5, 65, false, false);
        data.Add(9, 33, 200, true, false);

        // Inner dimensions beyond one 256-row block, with a partial last block (later blocks add to C).
        data.Add(7, 600, 33, true, true);
        data.Add(5, 513, 100, false, false);
        data.Add(6, 257, 7, true, true);

        // Four-vector panels in 6-row tiles (with AVX-512), then a 4-row tile and single rows: 6, 6+4+1, 6+6+4+1, …
        data.Add(6, 5, 64, false, true);
        data.Add(11, 9, 64, true, false);
        data.Add(17, 300, 64, true, true);
        data.Add(23, 9, 130, false, true);
        data.Add(121, 288, 64, false, true); // the Fashion CNN's second convolution
        data.Add(3, 40, 100, true, true); // fewer than 4 rows: four-vector single rows also with 16 registers
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_MatchesDoubleReference(int m, int k, int n, bool transposedA, bool withBias)
    {
        var random = new Random(m * 1000 + k * 10 + n);
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] bias = withBias ? Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray() : [];
        // A stored (m × k) row-major, or (k × m) read transposed: A(i, p) = a[p · m + i].
        (int rowStride, int innerStride) = transposedA ? (1, m) : (k, 1);
        var c = new float[m * n + 3];
        c[^3] = c[^2] = c[^1] = 42f; // sentinels past the end
        Gemm.Multiply(m, k, n, a, rowStride, innerStride, b, n, bias, c, n);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = withBias ? bias[j] : 0;
                for (int p = 0; p < k; p++) expected += (double)a[i * rowStride + p * innerStride] * b[p * n + j];
                Assert.True(Math.Abs(c[i * n + j] - expected) <= 1e-5 + 1e-5 * Math.Abs(expected), $"C[{i},{j}] = {c[i * n + j]}, expected {expected}");
            }
        }

        Assert.Equal(new[] { 42f, 42f, 42f }, c[^3..]);
    }

    /// <summary>
    /// The rounding every path relies on to agree to the bit (a stream and a batch, one thread and two): each element of C
    /// is its own chain from its bias, p in order, one fused multiply-add per step in vector columns and a rounded
    /// product then a rounded add in the last n mod 4 columns, whatever the tiles, packed panels and inner blocks.
    /// </summary>
    [Theory]
    [InlineData(128, 784, 128, false)] // net B's first layer: packed panels, 6-row tiles leaving 8 rows for two 4-row tiles
    [InlineData(9, 40, 32, true)]      // 9 rows: one 6-row tile fewer, 4 + 4 + 1
    [InlineData(11, 300, 48, false)]   // unpacked (under 32 rows), two inner blocks
    [InlineData(130, 64, 10, false)]   // net B's last layer: one vector column and two scalar ones
    [InlineData(40, 520, 19, true)]    // packed, three inner blocks, a scalar tail of three
    [InlineData(7, 33, 3, false)]      // only scalar columns, a partial last group of rows
    public void Every_element_is_its_own_chain_in_order(int m, int k, int n, bool withBias)
    {
        var random = new Random(m * 7 + k * 3 + n);
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] bias = withBias ? Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray() : [];
        var c = new float[m * n];
        Gemm.Multiply(m, k, n, a, k, 1, b, n, bias, c, n);

        // Where the hardware has no fused multiply-add, vector lanes round the product too.
        bool fused = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;
        int vectorColumns = n - n % 4;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float expected = withBias ? bias[j] : 0f;
                for (int p = 0; p < k; p++)
                {
                    float x = a[i * k + p], y = b[p * n + j];
                    expected = j < vectorColumns && fused ? MathF.FusedMultiplyAdd(x, y, expected) : expected + x * y;
                }

                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(c[i * n + j]), $"C[{i},{j}] = {c[i * n + j]:R}, expected {expected:R}");
            }
        }
    }

    [Theory]
    [InlineData(3, 4, 12, false)]
    [InlineData(5, 20, 60, true)]
    [InlineData(7, 300, 33, false)] // two inner blocks
    [InlineData(13, 9, 64, true)]
    public void MultiplyAdd_AddsTheProductToStridedC_AndLeavesTheGapsAlone(int m, int k, int n, bool transposedA)
    {
        // C's rows lie ldc > n apart, as a recurrent layer's step rows within its (steps × width) projections.
        int ldc = 3 * n + 5;
        var random = new Random(m + k + n);
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] c = Enumerable.Range(0, (m - 1) * ldc + n).Select(_ => (float)random.NextDouble()).ToArray();
        float[] before = (float[])c.Clone();
        (int rowStride, int innerStride) = transposedA ? (1, m) : (k, 1);
        Gemm.MultiplyAdd(m, k, n, a, rowStride, innerStride, b, n, c, ldc);

        for (int i = 0; i < c.Length; i++)
        {
            (int row, int j) = Math.DivRem(i, ldc);
            if (j >= n)
            {
                Assert.Equal(before[i], c[i]);
                continue;
            }

            double expected = before[i];
            for (int p = 0; p < k; p++) expected += (double)a[row * rowStride + p * innerStride] * b[p * n + j];
            Assert.True(Math.Abs(c[i] - expected) <= 1e-5 + 1e-5 * Math.Abs(expected), $"C[{row},{j}] = {c[i]}, expected {expected}");
        }
    }

    [Fact]
    public void An_empty_inner_dimension_gives_the_bias_or_zeros_and_adds_nothing()
    {
        var c = new float[] { 5, 5, 5, 5, 5, 5 };
        Gemm.Multiply(2, 0, 3, [], 0, 1, [], 3, default, c, 3);
        Assert.Equal(new float[6], c);
        Gemm.Multiply(2, 0, 3, [], 0, 1, [], 3, [1f, 2f, 3f], c, 3);
        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3 }, c);
        Gemm.MultiplyAdd(2, 0, 3, [], 0, 1, [], 3, c, 3);
        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3 }, c);
    }

    [Fact]
    public void SumRowsAndTranspose_MatchLoops()
    {
        float[] b = Enumerable.Range(0, 7 * 5).Select(i => (float)i).ToArray();
        var sums = new float[5];
        Gemm.SumRows(7, 5, b, 5, sums);
        Assert.Equal(Enumerable.Range(0, 5).Select(j => (float)Enumerable.Range(0, 7).Sum(i => i * 5 + j)), sums);

        var t = new float[35];
        Gemm.Transpose(7, 5, b, t);
        for (int i = 0; i < 7; i++) for (int j = 0; j < 5; j++) Assert.Equal(b[i * 5 + j], t[j * 7 + i]);
    }

    [Fact]
    public void ShortSpans_Throw()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 2, new float[3], 2, 1, new float[4], 2, default, new float[4], 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 2, new float[4], 2, 1, new float[4], 2, default, new float[3], 2));
    }
}
