namespace Starboard.Core.Generate;

/// <summary>
/// A small, fast, splittable pseudo-random stream (xoshiro256** seeded through SplitMix64). We implement it
/// ourselves because generated files must stay byte-identical across .NET versions, and System.Random's
/// algorithm is not a contract. Every independent actor (a user, the fx walk, the campaign plan...) gets its
/// own stream derived from (seed, purpose, index), so the output does not depend on scheduling or threads.
/// </summary>
internal sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    private RandomStream(ulong seed)
    {
        // SplitMix64 expands one 64-bit seed into the 256-bit state, as the xoshiro authors recommend.
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The stream for one actor: the same (seed, purpose, index) always gives the same numbers.</summary>
    public static RandomStream For(int seed, StreamPurpose purpose, long index)
    {
        ulong key = Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)purpose * 0xD1B54A32D192ED03UL);
        return new RandomStream(Mix(key ^ (ulong)index * 0xBF58476D1CE4E5B9UL));
    }

    /// <summary>The SplitMix64 finalizer: a bijection on 64-bit values, so distinct inputs give distinct outputs.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive). The multiply-shift bias is far below anything we measure.</summary>
    public int NextInt(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];

    /// <summary>Standard normal by Box-Muller (one value per call keeps the stream stateless between calls).</summary>
    public double Normal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double sd) => mean + sd * Normal();

    public double LogNormal(double mu, double sigma) => Math.Exp(mu + sigma * Normal());

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Poisson count: Knuth's product method for small means, a rounded normal beyond.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
            return 0;
        if (mean > 30)
            return Math.Max(0, (int)Math.Round(Normal(mean, Math.Sqrt(mean))));
        double limit = Math.Exp(-mean), product = NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }
        return count;
    }

    /// <summary>Number of failures before the first success of probability p (the gap between rare events).</summary>
    public long Geometric(double p)
    {
        if (p <= 0)
            return long.MaxValue;
        if (p >= 1)
            return 0;
        return (long)Math.Floor(Math.Log(1.0 - NextDouble()) / Math.Log(1.0 - p));
    }
}

/// <summary>What a random stream is for; part of its derivation key, so streams never overlap by accident.</summary>
internal enum StreamPurpose
{
    User = 1,
    SignupSlot = 2,
    Acquisition = 3,
    FxRates = 4,
    Dirty = 5,
    Background = 6,
}

/// <summary>A fixed discrete distribution, searched by cumulative weight.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(params (T Item, double Weight)[] entries)
    {
        _items = new T[entries.Length];
        _cumulative = new double[entries.Length];
        double total = 0;
        for (int i = 0; i < entries.Length; i++)
        {
            total += entries[i].Weight;
            _items[i] = entries[i].Item;
            _cumulative[i] = total;
        }
        for (int i = 0; i < _cumulative.Length; i++)
            _cumulative[i] /= total;
    }

    public IReadOnlyList<T> Items => _items;

    public T Next(RandomStream random)
    {
        double u = random.NextDouble();
        for (int i = 0; i < _cumulative.Length - 1; i++)
        {
            if (u < _cumulative[i])
                return _items[i];
        }
        return _items[^1];
    }
}
