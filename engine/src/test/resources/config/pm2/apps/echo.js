console.log("echo")
