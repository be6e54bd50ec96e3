setInterval(()=>{},1000)
