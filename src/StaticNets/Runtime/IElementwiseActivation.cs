namespace StaticNets.Runtime;

/// <summary>
/// One element-wise activation as vector formulas: the forward function and its backward step. Implemented by structs
/// so that <see cref="ElementwiseLoop"/> is specialised (and the formulas inlined) per activation and vector width.
/// </summary>
internal interface IElementwiseActivation
{
    /// <summary>a = f(z) for every lane.</summary>
    static abstract TVector Forward<TOps, TVector>(TVector z)
        where TOps : IVectorOps<TVector> where TVector : struct;

    /// <summary>dL/dz = dL/da · f′(z), given the pre-activation z, the activation a = f(z) and dL/da.</summary>
    static abstract TVector Backward<TOps, TVector>(TVector z, TVector a, TVector gradient)
        where TOps : IVectorOps<TVector> where TVector : struct;
}
