using System.Reflection;

namespace StaticNets.Generator.Tests;

/// <summary>Calls a generated kernel <c>Forward{width}(ref float w, ref float x, ref float y)</c> on arrays.</summary>
internal static class KernelInvoker
{
    private delegate void Kernel(ref float w, ref float x, ref float y);

    public static void Invoke(MethodInfo method, float[] weights, float[] x, float[] y)
    {
        var kernel = method.CreateDelegate<Kernel>();
        kernel(ref weights[0], ref x[0], ref y[0]);
    }
}
