System.Console.WriteLine("StaticNets browser sample: .NET is running; main.js calls BrowserApp's exports.");
